package dev.segue.commons;

import dev.segue.commons.problem.ProblemException;
import dev.segue.commons.run.ActiveRunConflict;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/** A test-only endpoint exercising the shared error mapping and access control. */
@Path("/api/echo")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EchoResource {

    public record Message(@NotBlank String text, @Max(10) int repeat, Mood mood, List<@Max(5) Integer> counts) {
    }

    public enum Mood {
        CALM, BRIGHT;

        @JsonValue
        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @GET
    @Path("/{text}")
    public Message read(@PathParam("text") String text) {
        if ("missing".equals(text)) {
            throw ProblemException.notFound("Nothing called 'missing' here; try another name.");
        }
        if ("busy".equals(text)) {
            throw new ActiveRunConflict(12, "/api/echo/runs/12", "Run 12 is active; follow it or cancel it.");
        }
        if ("boom".equals(text)) {
            throw new IllegalStateException("internal detail that must not leak");
        }
        if ("database-down".equals(text)) {
            throw new IllegalStateException("reading failed", new SQLException("Connection to localhost:5432 refused", "08001"));
        }
        return new Message(text, 1, null, null);
    }

    @GET
    @Path("/number/{n}")
    public Message number(@PathParam("n") long n, @QueryParam("times") @DefaultValue("1") int times) {
        return new Message(String.valueOf(n), times, null, null);
    }

    @POST
    public Message write(@Valid Message message) {
        return message;
    }
}
