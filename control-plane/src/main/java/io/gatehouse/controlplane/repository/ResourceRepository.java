package io.gatehouse.controlplane.repository;

import io.gatehouse.controlplane.model.ResourceEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ResourceRepository implements PanacheRepository<ResourceEntity> {

    public List<ResourceEntity> listAllByName() {
        return listAll(Sort.ascending("name"));
    }

    public Optional<ResourceEntity> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    /** Deletes every resource whose name is not in {@code keep} (their grants go with them). */
    public long deleteAllExcept(Collection<String> keep) {
        return keep.isEmpty() ? delete("1 = 1") : delete("name not in ?1", keep);
    }
}
