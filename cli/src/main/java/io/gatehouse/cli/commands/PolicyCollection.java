package io.gatehouse.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.cli.http.ApiClient;
import io.gatehouse.cli.http.Query;
import io.gatehouse.cli.output.Column;
import io.gatehouse.cli.output.ResultPrinter;

import java.util.List;

/**
 * One collection of the control plane's admin API (identities, resources, grants): the reads and writes they all
 * share, so that each command group only adds what is particular to it.
 */
final class PolicyCollection {

    private final ApiClient client;
    private final ResultPrinter printer;
    private final String path;
    private final String label;
    private final String keyField;
    private final List<Column> columns;

    /**
     * @param path     e.g. {@code /api/v1/identities}
     * @param label    the object's name for people, e.g. {@code identity}
     * @param keyField the field that addresses one object: {@code name}, or {@code id} for grants
     */
    PolicyCollection(ApiClient client, ResultPrinter printer, String path, String label, String keyField, List<Column> columns) {
        this.client = client;
        this.printer = printer;
        this.path = path;
        this.label = label;
        this.keyField = keyField;
        this.columns = columns;
    }

    /** Every object matching the filters, across all pages. */
    void list(Query filters) {
        printer.list(client.getAllPages(path, filters), columns);
    }

    void show(String key) {
        printer.object(client.get(objectPath(key), Query.empty()).json());
    }

    void create(EntryFile entry) {
        JsonNode created = client.post(path, Query.empty(), entry.body()).json();
        printer.outcome(describe(created) + " created", created);
    }

    void delete(String key) {
        client.delete(objectPath(key));
        printer.outcome(label + " " + key + " deleted", null);
    }

    String objectPath(String key) {
        return path + "/" + Query.segment(key);
    }

    String describe(JsonNode object) {
        return label + " " + object.path(keyField).asText("?");
    }
}
