-- The review queue lists one jurisdiction's submitted tracks oldest first, and the statistics count tracks
-- by when they were submitted and decided: both walk these indexes instead of every track.
CREATE INDEX submission_tracks_queue ON submission_tracks (jurisdiction, submitted_at);
CREATE INDEX submission_tracks_decided ON submission_tracks (jurisdiction, decided_at);
