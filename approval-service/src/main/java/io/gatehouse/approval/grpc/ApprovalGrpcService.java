package io.gatehouse.approval.grpc;

import io.gatehouse.approval.service.ApprovalCancellation;
import io.gatehouse.approval.service.BreakGlassRecorder;
import io.gatehouse.approval.service.ApprovalConsumption;
import io.gatehouse.approval.service.ApprovalRequests;
import io.gatehouse.approval.service.ApprovalWatcher;
import io.gatehouse.proto.approval.v1.ApprovalRequest;
import io.gatehouse.proto.approval.v1.ApprovalService;
import io.gatehouse.proto.approval.v1.ApprovalTicket;
import io.gatehouse.proto.approval.v1.CancelApprovalRequest;
import io.gatehouse.proto.approval.v1.ConsumeApprovalRequest;
import io.gatehouse.proto.approval.v1.WatchApprovalRequest;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The data planes' side of approvals: request, watch, consume, cancel, and record break-glass calls. Database work runs on worker threads. */
@GrpcService
public class ApprovalGrpcService implements ApprovalService {

    private final ApprovalRequests requests;
    private final ApprovalWatcher watcher;
    private final ApprovalConsumption consumption;
    private final ApprovalCancellation cancellation;
    private final BreakGlassRecorder breakGlass;
    private final ApprovalTicketMapper mapper;
    private final GrpcFailureMapper failures;

    public ApprovalGrpcService(ApprovalRequests requests, ApprovalWatcher watcher, ApprovalConsumption consumption,
            ApprovalCancellation cancellation, BreakGlassRecorder breakGlass, ApprovalTicketMapper mapper,
            GrpcFailureMapper failures) {
        this.requests = requests;
        this.watcher = watcher;
        this.consumption = consumption;
        this.cancellation = cancellation;
        this.breakGlass = breakGlass;
        this.mapper = mapper;
        this.failures = failures;
    }

    @Override
    @Blocking
    public Uni<ApprovalTicket> requestApproval(ApprovalRequest request) {
        return Uni.createFrom().item(() -> mapper.toTicket(requests.request(mapper.toNewApproval(request))))
                .onFailure().transform(failures::toStatus);
    }

    @Override
    public Multi<ApprovalTicket> watchApproval(WatchApprovalRequest request) {
        return watcher.watch(request.getApprovalId())
                .map(mapper::toTicket)
                .onFailure().transform(failures::toStatus);
    }

    @Override
    @Blocking
    public Uni<ApprovalTicket> consumeApproval(ConsumeApprovalRequest request) {
        return Uni.createFrom().item(() -> mapper.toTicket(
                        consumption.consume(request.getApprovalId(), request.getIdentity(), request.getRequestDigest())))
                .onFailure().transform(failures::toStatus);
    }

    @Override
    @Blocking
    public Uni<ApprovalTicket> cancelApproval(CancelApprovalRequest request) {
        return Uni.createFrom().item(() -> mapper.toTicket(cancellation.cancel(request.getApprovalId(),
                        request.getIdentity(), request.getReason().isEmpty() ? null : request.getReason())))
                .onFailure().transform(failures::toStatus);
    }

    @Override
    @Blocking
    public Uni<ApprovalTicket> recordBreakGlass(ApprovalRequest request) {
        return Uni.createFrom().item(() -> mapper.toTicket(breakGlass.record(mapper.toNewApproval(request))))
                .onFailure().transform(failures::toStatus);
    }
}
