package dev.segue.cli;

/**
 * A request field set from the command line: the option and the JSON field it fills ({@code weights.sonic}
 * for a nested one). A field added to a request on the service side gets one line in {@link RequestFields}.
 */
record RequestField(Option option, String field) {
}
