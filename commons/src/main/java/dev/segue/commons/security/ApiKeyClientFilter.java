package dev.segue.commons.security;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Presents the deployment's API key on calls from one Segue service to another (library-service
 * notifying enrichment and sonic, playlist-service asking sonic to analyse a seed), which would
 * otherwise be refused once {@code SEGUE_API_KEY} is set. Register it only on clients of Segue
 * services ({@code @RegisterProvider}): the key must never travel to MusicBrainz or Last.fm.
 */
public class ApiKeyClientFilter implements ClientRequestFilter {

    private final String key = ConfigProvider.getConfig()
            .getOptionalValue("segue.security.api-key", String.class).orElse("");

    @Override
    public void filter(ClientRequestContext request) {
        if (!key.isBlank()) {
            request.getHeaders().putSingle(ApiKeyFilter.HEADER, key);
        }
    }
}
