-- trends_quarterly: incidents by period × cause × sector. Every incident is
-- in one row: its quarter, else the year alone (placed only by the blog case
-- number's year), else 'undated'. Unknown is not zero: people_stated sums
-- the stated counts and is NULL when no incident of the row states one;
-- incidents_with_count says how many do. The delay figures are over
-- valid delays (valid_delay, macros.sql: known and >= 0), delay_n of them.
SELECT coalesce(quarter, CAST(year AS VARCHAR), 'undated')                     AS quarter,
       cause, sector,
       count(*)::BIGINT                                                        AS incidents,
       count(DISTINCT event_id)::BIGINT                                        AS events,
       count(affected_count)::BIGINT                                           AS incidents_with_count,
       sum(affected_count)::BIGINT                                             AS people_stated,
       count(*) FILTER (WHERE valid_delay(disclosure_delay_days))::BIGINT              AS delay_n,
       median(disclosure_delay_days) FILTER (WHERE valid_delay(disclosure_delay_days))::DOUBLE             AS median_delay_days,
       quantile_cont(disclosure_delay_days, 0.9) FILTER (WHERE valid_delay(disclosure_delay_days))::DOUBLE AS p90_delay_days
FROM incidents
GROUP BY ALL
ORDER BY quarter, cause NULLS LAST, sector NULLS LAST
