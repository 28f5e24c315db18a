package io.gatehouse.controlplane.repository;

import io.gatehouse.controlplane.model.LifecycleNotificationEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class LifecycleNotificationRepository implements PanacheRepository<LifecycleNotificationEntity> {

    /** Notifications not yet delivered, oldest first, after the id {@code after}; at most {@code limit}. */
    public List<LifecycleNotificationEntity> undelivered(long after, int limit) {
        return find("deliveredAt is null and id > ?1 order by id", after).page(0, limit).list();
    }
}
