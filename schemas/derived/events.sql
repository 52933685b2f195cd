-- events: one row per event (incidents.event_id). Several incidents are
-- one event when their organizations report one breach at a shared
-- contractor or platform (same named contractor, same cause, within 90
-- days) or the blog gave them one case number; each stays an incident of
-- its own organization. The breached party is the contractor when one is
-- named, else the organization of a single-incident event.
--
-- Most events are one incident: those rows are read as they are, and only
-- events of several incidents are aggregated. (Ordered list aggregates
-- over hundreds of thousands of one-row groups outgrow the derived tables'
-- memory limit, and spill poorly.)
WITH sizes AS (
    SELECT event_id, count(*) AS n FROM incidents GROUP BY event_id
),
single AS (
    SELECT i.event_id,
           coalesce(i.contractor, i.organization)                       AS breached_party,
           i.contractor IS NOT NULL                                     AS contractor_named,
           i.cause                                                      AS cause,
           coalesce(i.quarter, CAST(i.year AS VARCHAR), 'undated')      AS quarter,
           1::BIGINT                                                    AS incidents,
           [i.organization]                                             AS organizations,
           [i.incident_id]                                              AS incident_ids,
           (i.affected_count IS NOT NULL)::BIGINT                       AS incidents_with_count,
           i.affected_count::BIGINT                                     AS people_stated,
           i.first_published                                            AS first_published,
           i.last_published                                             AS last_published
    FROM incidents i JOIN sizes s USING (event_id)
    WHERE s.n = 1
),
multi AS (
    SELECT event_id,
           CASE WHEN count(contractor) > 0 THEN min(contractor)
                WHEN count(*) = 1 THEN min(organization) END                 AS breached_party,
           count(contractor) > 0                                             AS contractor_named,
           (list(cause ORDER BY first_published NULLS LAST, incident_id))[1] AS cause,
           coalesce(min(quarter), CAST(min(year) AS VARCHAR), 'undated')     AS quarter,
           count(*)::BIGINT                                                  AS incidents,
           list(organization ORDER BY first_published NULLS LAST, incident_id) AS organizations,
           list(incident_id ORDER BY first_published NULLS LAST, incident_id)  AS incident_ids,
           count(affected_count)::BIGINT                                     AS incidents_with_count,
           sum(affected_count)::BIGINT                                       AS people_stated,
           min(first_published)                                              AS first_published,
           max(last_published)                                               AS last_published
    FROM incidents JOIN sizes USING (event_id)
    WHERE sizes.n > 1
    GROUP BY event_id
)
SELECT * FROM single
UNION ALL
SELECT * FROM multi
ORDER BY event_id
