package dev.segue.sonic.audio;

/** A track could not be decoded. {@link #unsupported()} means no decoder handles its format at all. */
public class DecodeException extends Exception {

    private final boolean unsupported;

    public DecodeException(String message, boolean unsupported) {
        super(message);
        this.unsupported = unsupported;
    }

    public static DecodeException failed(String message) {
        return new DecodeException(message, false);
    }

    public static DecodeException unsupported(String message) {
        return new DecodeException(message, true);
    }

    public boolean unsupported() {
        return unsupported;
    }
}
