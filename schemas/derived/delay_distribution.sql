-- delay_distribution: one row per cause and per sector (value NULL: not
-- known), plus one row dimension 'all'; over the incidents whose delay is
-- valid (valid_delay, macros.sql: known and not negative). incidents is the n of every figure of the row.
WITH d AS (
  SELECT cause, sector, disclosure_delay_days AS days FROM incidents WHERE valid_delay(disclosure_delay_days)
), g AS (
  SELECT 'all' AS dimension, 'all' AS value, days FROM d
  UNION ALL SELECT 'cause', cause, days FROM d
  UNION ALL SELECT 'sector', sector, days FROM d
)
SELECT dimension, value,
       count(*)::BIGINT                              AS incidents,
       median(days)::DOUBLE                          AS median_days,
       quantile_cont(days, 0.75)::DOUBLE             AS p75_days,
       quantile_cont(days, 0.9)::DOUBLE              AS p90_days,
       avg(CASE WHEN days <= 5 THEN 1 ELSE 0 END)::DOUBLE  AS within_5d,
       avg(CASE WHEN days <= 30 THEN 1 ELSE 0 END)::DOUBLE AS within_30d,
       avg(CASE WHEN days <= 60 THEN 1 ELSE 0 END)::DOUBLE AS within_60d
FROM g
GROUP BY dimension, value
ORDER BY dimension, value NULLS LAST
