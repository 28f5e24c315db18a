package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.review.ReviewReport;

/** A campaign report as one printable, self-contained HTML page (no scripts, no external resources). */
final class ReviewReportHtml {

    private ReviewReportHtml() {
    }

    static String render(ReviewReport report, String kid, String jws) {
        ReviewReport.Summary summary = report.summary();
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Access review ")
                .append(escape(report.name())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;width:100%}")
                .append("th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.85rem}")
                .append("th{background:#eee}.ghost{font-weight:bold}code{word-break:break-all}")
                .append("@media print{a{color:#111;text-decoration:none}details{display:none}}</style></head><body>\n")
                .append("<h1>Access review: ").append(escape(report.name())).append("</h1>\n<dl>")
                .append(term("Campaign", report.campaignId())).append(term("Scope", report.scope()))
                .append(term("Usage window", report.windowSince() + " to " + report.windowUntil()))
                .append(term("Started", report.createdAt() + " by " + report.createdBy()))
                .append(term("Due", String.valueOf(report.dueAt())))
                .append(term("Closed", report.closedAt() + " by " + report.closedBy()))
                .append(term("Signed with key", kid)).append("</dl>\n<h2>Summary</h2>\n<table><tr>")
                .append("<th scope=\"col\">Identities reviewed</th><th scope=\"col\">Kept</th><th scope=\"col\">Revoked</th>")
                .append("<th scope=\"col\">Narrowed</th><th scope=\"col\">Expiry shortened</th><th scope=\"col\">Undecided</th>")
                .append("<th scope=\"col\">Permissions removed</th><th scope=\"col\">Ghost accounts found</th></tr><tr>")
                .append(cell(summary.identitiesReviewed())).append(cell(summary.kept())).append(cell(summary.revoked()))
                .append(cell(summary.narrowed())).append(cell(summary.shortened())).append(cell(summary.undecided()))
                .append(cell(summary.permissionsRemoved())).append(cell(summary.ghostAccounts())).append("</tr></table>\n")
                .append("<h2>Decisions</h2>\n<table><tr><th scope=\"col\">Identity</th><th scope=\"col\">Owner</th>")
                .append("<th scope=\"col\">Purpose</th><th scope=\"col\">Last used</th><th scope=\"col\">Calls in window</th>")
                .append("<th scope=\"col\">Granted, never used</th><th scope=\"col\">Decision</th><th scope=\"col\">By</th>")
                .append("<th scope=\"col\">Applied</th><th scope=\"col\">Evidence</th></tr>\n");
        for (ReviewReport.Entry entry : report.items()) {
            html.append("<tr><td").append(entry.ghost() ? " class=\"ghost\"" : "").append('>').append(escape(entry.identity()))
                    .append(entry.ghost() ? " (ghost)" : "").append("</td>")
                    .append(cell(entry.ownerTeam() + " <" + entry.ownerContact() + ">")).append(cell(entry.purpose()))
                    .append(cell(entry.lastUsedAt() == null ? "never" : entry.lastUsedAt().toString()))
                    .append(cell(entry.calls())).append(cell(String.join("; ", entry.unusedOperations())))
                    .append(cell(entry.decision() + (entry.newExpiry() == null ? "" : " to " + entry.newExpiry())
                            + (entry.comment() == null ? "" : ": " + entry.comment())))
                    .append(cell(entry.decidedBy() == null ? "" : entry.decidedBy() + " at " + entry.decidedAt()))
                    .append(cell(entry.applied()))
                    .append("<td><a href=\"").append(escape(entry.auditEvidence())).append("\">audit events</a>, <a href=\"")
                    .append(escape(entry.usageEvidence())).append("\">usage</a></td></tr>\n");
        }
        html.append("</table>\n<h2>Signature</h2>\n<p>This report is signed by the Gatehouse control plane (ES256, key ")
                .append(escape(kid)).append("). Check it with <code>gatehouse reviews verify</code>, or against the JWK Set at")
                .append(" <code>/.well-known/gatehouse/jwks.json</code>.</p>\n<details><summary>Signed report (compact JWS)</summary>")
                .append("<p><code>").append(escape(jws)).append("</code></p></details>\n</body></html>\n");
        return html.toString();
    }

    private static String term(String name, String value) {
        return "<dt>" + escape(name) + "</dt><dd>" + escape(value) + "</dd>";
    }

    private static String cell(Object value) {
        return "<td>" + escape(value == null ? "" : value.toString()) + "</td>";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
