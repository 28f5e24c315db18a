package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.review.ReviewReport;

import java.util.List;

/** A campaign report as CSV: one row per reviewed identity, escaped like the audit export (see {@link AuditCsv}). */
final class ReviewReportCsv {

    static final String HEADER = "campaignId,identity,ownerTeam,ownerContact,purpose,expiresAt,lastUsedAt,calls,ghost,"
            + "unusedOperations,decision,comment,newExpiry,decidedBy,decidedAt,applied,permissionsRemoved,auditEvidence,"
            + "usageEvidence\r\n";

    private ReviewReportCsv() {
    }

    static String render(ReviewReport report) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (ReviewReport.Entry entry : report.items()) {
            List<Object> fields = List.of(report.campaignId(), entry.identity(), text(entry.ownerTeam()),
                    text(entry.ownerContact()), text(entry.purpose()), text(entry.expiresAt()), text(entry.lastUsedAt()),
                    entry.calls(), entry.ghost(), String.join(";", entry.unusedOperations()), entry.decision(),
                    text(entry.comment()), text(entry.newExpiry()), text(entry.decidedBy()), text(entry.decidedAt()),
                    text(entry.applied()), entry.permissionsRemoved(), entry.auditEvidence(), entry.usageEvidence());
            for (int i = 0; i < fields.size(); i++) {
                csv.append(i == 0 ? "" : ",").append(AuditCsv.escape(String.valueOf(fields.get(i))));
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
