package dev.segue.library.rest;

/** Body of POST /api/scans: {@code root} is an absolute folder inside a configured root; absent = all roots. */
public record ScanRequest(String root) {
}
