-- The one definition of "the analyzer versions a reader may use", shared by sonic-service (which retires
-- older versions once the current one is readable) and playlist-service (which reads the newest readable
-- version whose vector layout it knows, dev.segue.schema.sonic.SonicLayout).
-- A version is readable when every present track with an ok analysis of an older version also has an
-- analysis (ok or not) of this version: during a re-analysis the older version keeps serving every track
-- instead of the new one serving a few.
CREATE VIEW sonic_readable_versions AS
SELECT v.analyzer_version
FROM (SELECT DISTINCT analyzer_version FROM sonic_analyses) v
WHERE NOT EXISTS (SELECT 1 FROM sonic_analyses o JOIN tracks t ON t.id = o.track_id
                  WHERE o.analyzer_version < v.analyzer_version AND o.status = 'ok' AND t.status = 'present'
                    AND NOT EXISTS (SELECT 1 FROM sonic_analyses n
                                    WHERE n.track_id = o.track_id AND n.analyzer_version = v.analyzer_version));
