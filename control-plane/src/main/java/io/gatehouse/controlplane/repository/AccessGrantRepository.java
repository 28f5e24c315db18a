package io.gatehouse.controlplane.repository;

import io.gatehouse.controlplane.model.AccessGrantEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class AccessGrantRepository implements PanacheRepository<AccessGrantEntity> {

    /** Every grant with its identity and resource loaded. */
    public List<AccessGrantEntity> listAllWithReferences() {
        return find("select g from AccessGrantEntity g join fetch g.identity join fetch g.resource order by g.id").list();
    }
}
