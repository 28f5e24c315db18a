package io.gatehouse.controlplane.repository;

import io.gatehouse.controlplane.lifecycle.LifecycleActionType;
import io.gatehouse.controlplane.model.LifecycleActionEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class LifecycleActionRepository implements PanacheRepository<LifecycleActionEntity> {

    /** Newest first, below the id {@code before} when given; at most {@code limit}. */
    public List<LifecycleActionEntity> search(Optional<String> identity, Optional<LifecycleActionType> action,
                                              Optional<Instant> since, Optional<Long> before, int limit) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        identity.ifPresent(name -> {
            conditions.add("identity = :identity");
            parameters.and("identity", name);
        });
        action.ifPresent(type -> {
            conditions.add("action = :action");
            parameters.and("action", type);
        });
        since.ifPresent(instant -> {
            conditions.add("takenAt >= :since");
            parameters.and("since", instant);
        });
        before.ifPresent(id -> {
            conditions.add("id < :before");
            parameters.and("before", id);
        });
        String where = conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
        return find(where + " order by id desc", parameters).page(0, limit).list();
    }

    /** The revocation of {@code secretId} an admin undid most recently, if any. */
    public Optional<LifecycleActionEntity> lastUndoneSecretRevocation(String secretId) {
        return find("action = ?1 and clientSecret = ?2 and undoneAt is not null order by undoneAt desc",
                LifecycleActionType.CLIENT_SECRET_REVOKED, secretId).firstResultOptional();
    }

    /** The identity's revocation that is still in force, if any. */
    public Optional<LifecycleActionEntity> openRevocation(String identity) {
        return find("action = ?1 and identity = ?2 and undoneAt is null order by id desc", LifecycleActionType.REVOKED,
                identity).firstResultOptional();
    }
}
