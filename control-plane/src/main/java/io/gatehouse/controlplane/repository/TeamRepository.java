package io.gatehouse.controlplane.repository;

import io.gatehouse.controlplane.model.TeamEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class TeamRepository implements PanacheRepository<TeamEntity> {

    public List<TeamEntity> listAllByName() {
        return listAll(Sort.ascending("name"));
    }

    public Optional<TeamEntity> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    public long deleteAllExcept(Collection<String> keep) {
        return keep.isEmpty() ? delete("1 = 1") : delete("name not in ?1", keep);
    }
}
