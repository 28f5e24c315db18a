package io.gatehouse.approval.grpc;

import io.gatehouse.approval.model.Approver;
import io.gatehouse.approval.security.ApproverAuthenticator;
import io.gatehouse.approval.service.ApprovalDecisions;
import io.gatehouse.approval.service.ApprovalQueries;
import io.gatehouse.approval.service.BreakGlassReviews;
import io.gatehouse.proto.approval.v1.ListOpenReviewsRequest;
import io.gatehouse.proto.approval.v1.ListOpenReviewsResponse;
import io.gatehouse.proto.approval.v1.ReviewRequest;
import io.gatehouse.approval.service.ApproverNotAllowedException;
import io.gatehouse.approval.service.InvalidApprovalRequestException;
import io.gatehouse.approval.service.PendingApprovalWatcher;
import io.gatehouse.proto.approval.v1.ApprovalTicket;
import io.gatehouse.proto.approval.v1.ApproverService;
import io.gatehouse.proto.approval.v1.DecideRequest;
import io.gatehouse.proto.approval.v1.WatchPendingRequest;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The approvers' side over gRPC (CLIs, chat bots): watch the pending approvals of a group, decide, review break-glass calls.
 * Each call is authenticated by the OIDC bearer token in the {@code authorization} metadata entry.
 */
@GrpcService
@RegisterInterceptor(BearerTokenInterceptor.class)
public class ApproverGrpcService implements ApproverService {

    private final ApproverAuthenticator authenticator;
    private final PendingApprovalWatcher pending;
    private final ApprovalDecisions decisions;
    private final ApprovalQueries queries;
    private final BreakGlassReviews reviews;
    private final ApprovalTicketMapper mapper;
    private final GrpcFailureMapper failures;

    public ApproverGrpcService(ApproverAuthenticator authenticator, PendingApprovalWatcher pending,
            ApprovalDecisions decisions, ApprovalQueries queries, BreakGlassReviews reviews, ApprovalTicketMapper mapper,
            GrpcFailureMapper failures) {
        this.authenticator = authenticator;
        this.pending = pending;
        this.decisions = decisions;
        this.queries = queries;
        this.reviews = reviews;
        this.mapper = mapper;
        this.failures = failures;
    }

    @Override
    public Multi<ApprovalTicket> watchPending(WatchPendingRequest request) {
        String group = request.getApproverGroup();
        return authenticated()
                .map(approver -> {
                    if (group.isBlank()) {
                        throw new InvalidApprovalRequestException("approver_group is required");
                    }
                    if (!approver.isMemberOf(group)) {
                        throw new ApproverNotAllowedException(
                                "'" + approver.name() + "' is not a member of the approver group '" + group + "'");
                    }
                    return group;
                })
                .onItem().transformToMulti(pending::watch)
                .map(mapper::toTicket)
                .onFailure().transform(failures::toStatus);
    }

    @Override
    public Uni<ApprovalTicket> decide(DecideRequest request) {
        return authenticated()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(approver -> {
                    decisions.decide(request.getApprovalId(), mapper.toDecision(request.getDecision()), approver,
                            request.getReason().isEmpty() ? null : request.getReason());
                    return mapper.toTicket(queries.details(request.getApprovalId()));
                })
                .onFailure().transform(failures::toStatus);
    }

    @Override
    public Uni<ListOpenReviewsResponse> listOpenReviews(ListOpenReviewsRequest request) {
        return authenticated()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(reviewer -> ListOpenReviewsResponse.newBuilder()
                        .addAllApprovals(reviews.open(reviewer, request.getApproverGroup().isBlank() ? null : request.getApproverGroup())
                                .stream().map(mapper::toTicket).toList())
                        .build())
                .onFailure().transform(failures::toStatus);
    }

    @Override
    public Uni<ApprovalTicket> review(ReviewRequest request) {
        return authenticated()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(reviewer -> mapper.toTicket(reviews.review(request.getApprovalId(), mapper.toDecision(request.getVerdict()),
                        reviewer, request.getReason().isEmpty() ? null : request.getReason())))
                .onFailure().transform(failures::toStatus);
    }

    /** Reads the token while the call's gRPC context is current, then validates it. */
    private Uni<Approver> authenticated() {
        String token = BearerTokenInterceptor.BEARER_TOKEN.get();
        if (token == null || token.isEmpty()) {
            return Uni.createFrom().failure(Status.UNAUTHENTICATED
                    .withDescription("a bearer token is required in the authorization metadata").asRuntimeException());
        }
        return authenticator.authenticate(token)
                .onFailure().transform(failure -> Status.UNAUTHENTICATED
                        .withDescription("the bearer token is not valid").asRuntimeException());
    }
}
