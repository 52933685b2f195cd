-- The macros every DuckDB over a run's tables defines when it opens
-- (internal/duck: the derived tables' build, the report, query and review),
-- so the derived tables and the report share one definition.
--
-- valid_delay(days): a disclosure delay the statistics count: known and not
-- negative. A negative delay (first published before discovered) is a
-- misread date; it is left out of every delay figure and counted apart.
CREATE MACRO valid_delay(days) AS days IS NOT NULL AND days >= 0;
