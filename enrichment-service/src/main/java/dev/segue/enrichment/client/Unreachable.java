package dev.segue.enrichment.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * A source that no request reaches: its host does not resolve or nothing accepts the connection
 * (no internet, DNS, a firewall, a wrong URL). Unlike a 5xx or a timeout this says nothing about
 * the entity asked for and will not pass with a retry a few seconds later, so a run stops asking.
 *
 * @param cause    the last failure, e.g. {@code UnknownHostException: Failed to resolve 'musicbrainz.org'}
 * @param since    the first failed attempt of this streak
 * @param attempts attempts in a row that reached nothing
 */
public record Unreachable(String cause, Instant since, int attempts) {

    /** The failure's cause that means "could not connect at all", described; empty for any other failure. */
    public static Optional<String> cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof PortUnreachableException) {
                String message = t.getMessage() == null ? "" : ": " + t.getMessage().strip();
                return Optional.of(standardName(t.getClass()) + message);
            }
        }
        return Optional.empty();
    }

    /** The JDK's name for it: Netty's AnnotatedConnectException is a ConnectException to the person reading it. */
    private static String standardName(Class<?> type) {
        Class<?> named = type;
        while (!named.getPackageName().equals("java.net")) {
            named = named.getSuperclass();
        }
        return named.getSimpleName();
    }

    /** {@code UnknownHostException: … (4 attempts in a row since 2026-12-01T10:00:01Z)}. */
    public String describe() {
        return cause + " (" + attempts + " attempt" + (attempts == 1 ? "" : "s") + " in a row since " + since + ")";
    }
}
