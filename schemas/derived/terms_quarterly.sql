-- terms_quarterly: the terms were read per notice (cached with it), so no
-- tokenizing happens here. Each incident is counted once per term it holds:
-- the occurrences are summed per incident first, which gives what
-- count(DISTINCT incident_id) over every occurrence gives (an incident has
-- one period) in half the time. The period is trends_quarterly's.
WITH per_incident AS (
  SELECT n.incident_id, t.term, count(*) AS occurrences
  FROM notices n, unnest(n.terms) AS t(term)
  GROUP BY n.incident_id, t.term
)
SELECT coalesce(i.quarter, CAST(i.year AS VARCHAR), 'undated') AS quarter, p.term,
       count(*)::BIGINT           AS incidents,
       sum(p.occurrences)::BIGINT AS occurrences
FROM per_incident p JOIN incidents i ON p.incident_id = i.incident_id
GROUP BY ALL
ORDER BY quarter, p.term
