package io.gatehouse.cli.failure;

import io.gatehouse.cli.http.ApiException;
import io.gatehouse.cli.http.ProblemDetails;
import io.gatehouse.cli.http.ServerUnreachableException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExitCodesTest {

    @ParameterizedTest(name = "HTTP {0} -> exit {1}")
    @CsvSource({"400,2", "422,2", "401,6", "403,6", "404,4", "409,5", "412,5", "428,5", "405,1", "429,1",
            "500,7", "502,7", "503,7", "504,7"})
    void httpStatusesMapToTheDocumentedExitCodes(int status, int exitCode) {
        assertEquals(exitCode, ExitCodes.forHttpStatus(status));
    }

    @Test
    void aProblemBecomesItsDetailThenOneLinePerFieldError() {
        ProblemDetails problem = ProblemDetails.parse(422, """
                {"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"2 problems",
                 "errors":[{"path":"kind","message":"unknown value 'robot'"},{"path":"expires","message":"required"}]}
                """);
        CliFailure failure = ErrorReporter.describe(new ApiException("control plane", 422, problem));
        assertEquals(ExitCodes.USAGE, failure.exitCode());
        assertEquals(List.of("error: 2 problems", "  kind: unknown value 'robot'", "  expires: required"), failure.lines());
    }

    @Test
    void anAnswerWithoutProblemDocumentStillSaysWhatHappened() {
        CliFailure failure = ErrorReporter.describe(new ApiException("control plane", 401, ProblemDetails.parse(401, "")));
        assertEquals(ExitCodes.PERMISSION, failure.exitCode());
        assertEquals(List.of("error: not authenticated (401): the token is missing, expired, or not issued for audience gatehouse-admin"),
                failure.lines());
    }

    @Test
    void anUnreachableServerIsExitSevenNamingTheServiceAndUrl() {
        CliFailure failure = ErrorReporter.describe(new ServerUnreachableException("approval service",
                URI.create("http://127.0.0.1:1"), new ConnectException("Connection refused")));
        assertEquals(ExitCodes.UNAVAILABLE, failure.exitCode());
        assertEquals(List.of("error: cannot reach the approval service at http://127.0.0.1:1 (ConnectException: Connection refused)"),
                failure.lines());
    }
}
