-- Owned by playlist-service: the media servers playlists are pushed to, and where each playlist went.

-- targets defined through PUT /api/targets (targets from the configuration are not stored); never a secret:
-- a target's credentials come from the environment only (docs/delivery.md)
CREATE TABLE delivery_targets (
    name           text        PRIMARY KEY,
    kind           text        NOT NULL,
    url            text,
    directory      text,
    section        text,
    user_name      text,
    path_mappings  text[]      NOT NULL DEFAULT '{}',
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT delivery_targets_kind_ck CHECK (kind IN ('folder', 'mpd', 'plex', 'jellyfin', 'subsonic'))
);

-- the server's id of a pushed playlist, so the next push replaces its contents instead of adding a second one
CREATE TABLE delivery_pushes (
    playlist_id  bigint      NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
    target       text        NOT NULL,
    remote_id    text        NOT NULL,
    matched      integer     NOT NULL,
    unmatched    integer     NOT NULL,
    pushed_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (playlist_id, target)
);
