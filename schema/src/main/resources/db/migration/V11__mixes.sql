-- Owned by playlist-service: mixes that renew themselves (docs/delivery.md, "Mixes") and their editions.

-- a mix's definition as JSON: where each edition's seeds come from, its size and constraints, the targets, the
-- schedule, the share of fresh tracks and how many editions to keep (the request of POST /api/mixes, defaults
-- applied). remote_ids holds the server's id of the mix's one playlist per target ({"mpd": "Daily"}), so every
-- edition replaces it in place. next_run_at is when the scheduler renews the mix next (null: on demand only);
-- running_since is a run's claim, so two replicas, or a request and the scheduler, never renew it at once
CREATE TABLE mixes (
    id             bigserial   PRIMARY KEY,
    name           text        NOT NULL,
    definition     jsonb       NOT NULL,
    remote_ids     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    next_run_at    timestamptz,
    running_since  timestamptz,
    last_error     text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT mixes_name_uq UNIQUE (name)
);

-- the scheduler's claim looks for due mixes only
CREATE INDEX mixes_due_idx ON mixes (next_run_at) WHERE next_run_at IS NOT NULL;

-- one renewal: the playlist it made (a stored playlist, deleted with the edition when it is pruned) and what
-- each target got: [{"target", "remoteId", "created", "pushed", "unmatched", "error"}]
CREATE TABLE mix_editions (
    id           bigserial   PRIMARY KEY,
    mix_id       bigint      NOT NULL REFERENCES mixes (id) ON DELETE CASCADE,
    number       integer     NOT NULL,
    playlist_id  bigint      REFERENCES playlists (id) ON DELETE SET NULL,
    trigger      text        NOT NULL,
    tracks       integer     NOT NULL,
    fresh        integer     NOT NULL,
    notes        text,
    results      jsonb       NOT NULL DEFAULT '[]'::jsonb,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz NOT NULL,
    CONSTRAINT mix_editions_number_uq UNIQUE (mix_id, number),
    CONSTRAINT mix_editions_trigger_ck CHECK (trigger IN ('request', 'schedule'))
);
