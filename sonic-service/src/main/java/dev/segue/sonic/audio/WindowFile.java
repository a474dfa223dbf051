package dev.segue.sonic.audio;

import java.nio.file.Path;

/** A decoded window waiting in a temporary file of raw f32le samples; its first {@code skip} samples are pre-roll. */
record WindowFile(Path file, int skip) {
}
