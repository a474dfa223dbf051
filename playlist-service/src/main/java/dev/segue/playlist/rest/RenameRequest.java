package dev.segue.playlist.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A playlist's new name. */
public record RenameRequest(@NotBlank @Size(max = 200) String name) {
}
