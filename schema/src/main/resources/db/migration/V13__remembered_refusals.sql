-- Owned by library-service: a file the readers refused for its content is remembered with its size and
-- modification time and the readers that refused it ("segue <version>, ffprobe <path>" or ", no ffprobe"),
-- so a rescan refuses the same bytes again without reading them (ffprobe included). NULL: an error that is
-- not about the content (a disk error, a timeout, a database rejection), which every scan retries.
ALTER TABLE scan_errors
    ADD COLUMN file_size     bigint,
    ADD COLUMN file_mtime_us bigint,
    ADD COLUMN readers       text;

CREATE INDEX scan_errors_refusals_idx ON scan_errors (path, id) WHERE readers IS NOT NULL;
