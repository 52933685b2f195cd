-- terms_quarterly: the terms were read per notice (cached with it), so no
-- tokenizing happens here. Each incident is counted once per term it holds,
-- in its period (trends_quarterly's); occurrences count every occurrence.
--
-- Most incidents are one notice: each occurrence of a term in that
-- notice's list is unnested once, flagged when it is the term's first in
-- the list (list_position), and one aggregate counts the flagged ones
-- (incidents) and all (occurrences). Only the notices of incidents of
-- several are grouped by incident and term. Unnesting the lists twice
-- (every occurrence, then list_distinct) into two aggregates joined took
-- twice the time at 307k notices within the 128 MB limit (3.6–4.0 s
-- against 1.6–1.9 s; 1.7–2.1 s against 1.4–1.5 s at 100k notices);
-- grouping every occurrence by incident and term (1.6M groups at 100k
-- notices) took a third more CPU than that; count(DISTINCT incident_id)
-- twice that.
WITH sizes AS (
  SELECT incident_id, count(*) AS notices FROM notices GROUP BY incident_id
),
n AS (
  SELECT coalesce(i.quarter, CAST(i.year AS VARCHAR), 'undated') AS quarter, s.notices, n.incident_id, n.terms
  FROM notices n JOIN incidents i ON n.incident_id = i.incident_id JOIN sizes s ON n.incident_id = s.incident_id
),
single AS ( -- an incident of one notice: first marks its distinct terms
  SELECT quarter, unnest(terms) AS term,
         unnest(list_transform(range(1, len(terms) + 1), k -> list_position(terms, terms[k]) = k)) AS first
  FROM n WHERE notices = 1
),
several AS ( -- an incident of several notices: one row per term it holds
  SELECT quarter, term, count(*) AS occurrences FROM (
    SELECT quarter, incident_id, unnest(terms) AS term FROM n WHERE notices > 1
  ) GROUP BY quarter, incident_id, term
),
counted AS (
  SELECT quarter, term, count(*) FILTER (WHERE first) AS incidents, count(*) AS occurrences FROM single GROUP BY ALL
  UNION ALL
  SELECT quarter, term, count(*) AS incidents, sum(occurrences) AS occurrences FROM several GROUP BY ALL
)
SELECT quarter, term, sum(incidents)::BIGINT AS incidents, sum(occurrences)::BIGINT AS occurrences
FROM counted
GROUP BY ALL
ORDER BY quarter, term
