package dev.segue.playlist.rest;

import dev.segue.playlist.mix.MixRequest;
import dev.segue.playlist.service.MixService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/mixes")
@Produces(MediaType.APPLICATION_JSON)
public class MixResource {

    private final MixService service;

    MixResource(MixService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a mix that renews itself",
            description = "A definition only: nothing is built until the first run (POST /api/mixes/{id}/runs, or the schedule).")
    @APIResponse(responseCode = "201", description = "Stored; Location is the mix",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MixView.class)))
    @APIResponse(responseCode = "400", description = "A field is malformed or out of range, or name or source is missing")
    @APIResponse(responseCode = "401", description = "An API key is configured and this request lacks it")
    @APIResponse(responseCode = "409", description = "A mix of that name exists")
    @APIResponse(responseCode = "422", description = "Not one source, an unknown target, size and targetMinutes both given, "
            + "a cron expression that does not parse, or cron and intervalMinutes both given")
    public Response create(@Valid @NotNull MixRequest request, UriInfo uri) {
        MixView mix = MixView.of(service.create(request));
        return Response.created(uri.getBaseUriBuilder().path("api/mixes/{id}").build(mix.id())).entity(mix).build();
    }

    @GET
    @Operation(summary = "Every mix, with its newest edition")
    @APIResponse(responseCode = "200", description = "The mixes by id")
    public List<MixView> list() {
        return service.list().stream().map(MixView::of).toList();
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The mix")
    @APIResponse(responseCode = "404", description = "No such mix")
    public MixView get(@PathParam("id") long id) {
        return MixView.of(service.find(id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a mix's definition", description = "Fields left out take the defaults; the editions and the "
            + "mix's playlist on each target stay, so the next edition still replaces it in place.")
    @APIResponse(responseCode = "200", description = "The mix with its new definition")
    @APIResponse(responseCode = "400", description = "A field is malformed or out of range, or name or source is missing")
    @APIResponse(responseCode = "401", description = "An API key is configured and this request lacks it")
    @APIResponse(responseCode = "404", description = "No such mix")
    @APIResponse(responseCode = "409", description = "Another mix has that name")
    @APIResponse(responseCode = "422", description = "As for POST /api/mixes")
    public MixView replace(@PathParam("id") long id, @Valid @NotNull MixRequest request) {
        return MixView.of(service.replace(id, request));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change some fields of a mix", description = "The fields given replace the stored ones; source and "
            + "schedule are replaced whole ({\"schedule\": {}} makes a mix on demand only).")
    @APIResponse(responseCode = "200", description = "The changed mix")
    @APIResponse(responseCode = "400", description = "A field is malformed or out of range")
    @APIResponse(responseCode = "401", description = "An API key is configured and this request lacks it")
    @APIResponse(responseCode = "404", description = "No such mix")
    @APIResponse(responseCode = "409", description = "Another mix has that name")
    @APIResponse(responseCode = "422", description = "As for POST /api/mixes")
    public MixView patch(@PathParam("id") long id, @Valid @NotNull MixRequest request) {
        return MixView.of(service.patch(id, request));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a mix", description = "Its editions and their playlists go too; the playlists on the targets "
            + "stay (delete them there).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "An API key is configured and this request lacks it")
    @APIResponse(responseCode = "404", description = "No such mix")
    @APIResponse(responseCode = "409", description = "A run is renewing the mix right now")
    public Response delete(@PathParam("id") long id) {
        service.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/runs")
    @Operation(summary = "Renew a mix now",
            description = "Builds a new edition with fresh picks, pushes it in place of the mix's playlist on each target and "
                    + "prunes old editions, then answers. A target that fails does not stop the others: its outcome carries "
                    + "the error, naming the target and the cause.")
    @APIResponse(responseCode = "201", description = "The new edition; Location is the edition",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EditionView.class)))
    @APIResponse(responseCode = "401", description = "An API key is configured and this request lacks it")
    @APIResponse(responseCode = "404", description = "No such mix, or a seed is not in the library")
    @APIResponse(responseCode = "409", description = "Another run is renewing the mix right now")
    @APIResponse(responseCode = "422", description = "No edition can be built: the source has no tracks, or the constraints "
            + "leave too few; kept as the mix's lastError")
    public Response run(@PathParam("id") long id, UriInfo uri) {
        EditionView edition = EditionView.of(service.renew(id));
        return Response.created(uri.getBaseUriBuilder().path("api/mixes/{id}/editions/{number}").build(id, edition.number()))
                .entity(edition).build();
    }

    @GET
    @Path("/{id}/editions")
    @Operation(summary = "The editions kept, newest first")
    @APIResponse(responseCode = "200", description = "The editions with what each target got")
    @APIResponse(responseCode = "404", description = "No such mix")
    public List<EditionView> editions(@PathParam("id") long id) {
        return service.editions(id).stream().map(EditionView::of).toList();
    }

    @GET
    @Path("/{id}/editions/{number}")
    @APIResponse(responseCode = "200", description = "The edition")
    @APIResponse(responseCode = "404", description = "No such mix, or that edition was pruned")
    public EditionView edition(@PathParam("id") long id, @PathParam("number") int number) {
        return EditionView.of(service.edition(id, number));
    }
}
