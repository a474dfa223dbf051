package dev.segue.playlist.rest;

import dev.segue.playlist.delivery.PushResult;
import dev.segue.playlist.service.DeliveryService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/playlists/{id}/push")
public class PushResource {

    private final DeliveryService service;

    PushResource(DeliveryService service) {
        this.service = service;
    }

    public record PushRequest(@NotBlank String target) {
    }

    @POST
    @Operation(summary = "Push a playlist to a target",
            description = "Creates the playlist on the server, or replaces its contents in place when it was pushed there before "
                    + "(re-created when it was deleted on the server): pushing again never makes a second copy. Tracks are "
                    + "matched by mapped path, then MusicBrainz recording id, then artist + title + length within 3 s; "
                    + "unmatched tracks are listed with the reason. 404 unknown playlist or target; 422 no secret or no "
                    + "track found; 502 the server refused (credentials, section) or failed; 503 its calls are paused after "
                    + "repeated failures; 504 it did not finish in time. Every problem names the target.")
    public PushResult push(@PathParam("id") long id, @Valid @NotNull PushRequest request) {
        return service.push(id, request.target());
    }
}
