package dev.segue.library.client;

/** What a "start a run" call achieved: a new run, or one of that kind was already working. */
public enum RunStarted {
    STARTED,
    ALREADY_RUNNING
}
