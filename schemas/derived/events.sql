-- events: one row per event (incidents.event_id). Several incidents are
-- one event when their organizations report one breach at a shared
-- contractor or platform (same named contractor, same cause, within 90
-- days) or the blog gave them one case number; each stays an incident of
-- its own organization. The breached party is the contractor when one is
-- named, else the organization of a single-incident event.
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
FROM incidents
GROUP BY event_id
ORDER BY event_id
