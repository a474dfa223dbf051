package dev.segue.playlist.delivery;

/** A target with whether the environment variable that holds its secret is set (the secret itself never leaves it). */
public record ListedTarget(Target target, boolean secretSet) {
}
