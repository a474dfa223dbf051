package dev.segue.enrichment.client;

import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Retry-After support shared by the clients. */
final class Retries {

    private Retries() {
    }

    /** Pauses the source's limiter for the Retry-After the answer asks for (seconds or HTTP date), capped. */
    static void honourRetryAfter(Response response, RateLimiter limiter, Duration max) {
        String value = response.getHeaderString("Retry-After");
        if (value == null || value.isBlank()) {
            return;
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException unreadable) {
                return;
            }
        }
        if (!wait.isNegative()) {
            limiter.pauseFor(wait.compareTo(max) > 0 ? max : wait);
        }
    }
}
