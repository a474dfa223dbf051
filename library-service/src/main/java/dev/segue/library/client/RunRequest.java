package dev.segue.library.client;

/** Body of the "start a run" calls: {@code {"scope": "all"}} for enrichment, {@code {"scope": "pending"}} for sonic. */
record RunRequest(String scope) {
}
