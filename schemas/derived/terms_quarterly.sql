-- terms_quarterly: the terms were read per notice (cached with it), so no
-- tokenizing happens here. Each incident is counted once per term it holds,
-- in its period (trends_quarterly's); occurrences count every occurrence.
--
-- Most incidents are one notice: the distinct terms of that notice are
-- the incident's (list_distinct, per row), and only the notices of
-- incidents of several are grouped by incident and term. Grouping every
-- occurrence by incident and term (1.6M groups at 100k notices) took a
-- third more CPU; count(DISTINCT incident_id) twice that.
WITH sizes AS (
  SELECT incident_id, count(*) AS notices FROM notices GROUP BY incident_id
),
n AS (
  SELECT coalesce(i.quarter, CAST(i.year AS VARCHAR), 'undated') AS quarter, s.notices, n.incident_id, n.terms
  FROM notices n JOIN incidents i ON n.incident_id = i.incident_id JOIN sizes s ON n.incident_id = s.incident_id
),
occurrences AS (
  SELECT quarter, term, count(*) AS occurrences FROM (SELECT quarter, unnest(terms) AS term FROM n) GROUP BY ALL
),
held AS ( -- each incident's terms, once
  SELECT quarter, unnest(list_distinct(terms)) AS term FROM n WHERE notices = 1
  UNION ALL
  SELECT quarter, term FROM (
    SELECT DISTINCT quarter, incident_id, term FROM (SELECT quarter, incident_id, unnest(terms) AS term FROM n WHERE notices > 1)
  )
),
holding AS (
  SELECT quarter, term, count(*) AS incidents FROM held GROUP BY ALL
)
SELECT quarter, term, h.incidents::BIGINT AS incidents, o.occurrences::BIGINT AS occurrences
FROM holding h JOIN occurrences o USING (quarter, term)
ORDER BY quarter, term
