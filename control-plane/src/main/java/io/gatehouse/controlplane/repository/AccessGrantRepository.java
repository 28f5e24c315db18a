package io.gatehouse.controlplane.repository;

import io.gatehouse.controlplane.model.AccessGrantEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class AccessGrantRepository implements PanacheRepository<AccessGrantEntity> {

    /** The grants of one identity on one resource, with both loaded. */
    public List<AccessGrantEntity> listOf(String identity, String resource) {
        return find("select g from AccessGrantEntity g join fetch g.identity i join fetch g.resource r"
                + " where i.name = ?1 and r.name = ?2", identity, resource).list();
    }

    /** The grants of the given identities, with identity and resource loaded. */
    public List<AccessGrantEntity> listOfIdentities(Collection<String> identities) {
        return find("select g from AccessGrantEntity g join fetch g.identity i join fetch g.resource r"
                + " where i.name in ?1 order by g.id", identities).list();
    }

    /** Every grant with its identity and resource loaded. */
    public List<AccessGrantEntity> listAllWithReferences() {
        return find("select g from AccessGrantEntity g join fetch g.identity join fetch g.resource order by g.id").list();
    }
}
