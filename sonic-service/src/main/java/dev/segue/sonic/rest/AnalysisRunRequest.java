package dev.segue.sonic.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Starts a run. {@code scope}: {@code pending} (tracks without a current analysis), {@code all}
 * (also retries failed/unsupported; with {@code force} re-analyses everything) or {@code trackIds}.
 */
public record AnalysisRunRequest(
        @Schema(enumeration = {"pending", "all", "trackIds"}, examples = "pending") @NotNull @Pattern(regexp = "pending|all|trackIds", message = "must be one of pending, all, trackIds")
        String scope,
        @Size(max = 10_000) List<@NotNull Long> trackIds,
        Boolean force) {
}
