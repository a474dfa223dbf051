-- Owned by library-service: where a track's artist and album names came from, so a reader can tell a
-- name the tags gave from one guessed from the folders, and "no artist" from an artist.
--   'tags' the file's tags, 'path' the library folders (Artist/Album/NN Title), 'none' neither (the artist
--   row is then the placeholder "Unknown Artist", the album absent); NULL: scanned before this column.
ALTER TABLE tracks
    ADD COLUMN artist_source text,
    ADD COLUMN album_source  text,
    ADD CONSTRAINT tracks_artist_source_ck CHECK (artist_source IN ('tags', 'path', 'none')),
    ADD CONSTRAINT tracks_album_source_ck CHECK (album_source IN ('tags', 'path', 'none'));

-- the placeholder is the only name a scan gives without tags or folders; every other origin is unknown until a rescan
UPDATE tracks t SET artist_source = 'none'
FROM artists a
WHERE a.id = t.artist_id AND a.name = 'Unknown Artist';
