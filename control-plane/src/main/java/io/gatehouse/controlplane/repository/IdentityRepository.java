package io.gatehouse.controlplane.repository;

import io.gatehouse.controlplane.model.IdentityEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class IdentityRepository implements PanacheRepository<IdentityEntity> {

    /** Every identity with its trust bindings, by name. */
    public List<IdentityEntity> listAllWithBindings() {
        return find("select distinct i from IdentityEntity i left join fetch i.oidcBindings order by i.name").list();
    }

    public Optional<IdentityEntity> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    /** Deletes every identity whose name is not in {@code keep} (their bindings and grants go with them). */
    public long deleteAllExcept(Collection<String> keep) {
        return keep.isEmpty() ? delete("1 = 1") : delete("name not in ?1", keep);
    }
}
