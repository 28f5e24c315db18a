package io.gatehouse.cli.output;

/** How results are printed on stdout ({@code --output}). */
public enum OutputFormat {
    /** Aligned columns for people. */
    table,
    /** The service's JSON, pretty-printed. */
    json,
    /** The same content as YAML. */
    yaml
}
