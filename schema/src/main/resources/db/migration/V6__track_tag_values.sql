-- library-service keeps what a file's tags say beyond the one value shown, and how its length was found.
-- tag_artists: every artist value of the file's tags, in tag order (the first is tracks.artist_id's name);
-- other_titles: title values after the first (searchable, never displayed);
-- length_note: set when the length is not the one the file's header claims (e.g. measured by ffprobe
-- because the header's length cannot fit in the file), saying why. Existing rows keep their values.
ALTER TABLE tracks
    ADD COLUMN tag_artists  text[] NOT NULL DEFAULT '{}',
    ADD COLUMN other_titles text[] NOT NULL DEFAULT '{}',
    ADD COLUMN length_note  text;

-- Files a scan passed over because Segue reads no such format, counted by extension (lower case, with the
-- dot; '' for none): skipped_extensions[i] was seen skipped_counts[i] times. Older runs count none.
ALTER TABLE scan_runs
    ADD COLUMN skipped_extensions text[]    NOT NULL DEFAULT '{}',
    ADD COLUMN skipped_counts     integer[] NOT NULL DEFAULT '{}';
