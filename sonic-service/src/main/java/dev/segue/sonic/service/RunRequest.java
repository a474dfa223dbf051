package dev.segue.sonic.service;

import java.util.List;

/**
 * What a new run covers: {@code scope} pending, all or trackIds (then {@code trackIds} lists them), and
 * whether analyses that are current already are redone.
 */
public record RunRequest(String scope, List<Long> trackIds, boolean force) {
}
