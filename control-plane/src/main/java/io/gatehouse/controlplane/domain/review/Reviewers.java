package io.gatehouse.controlplane.domain.review;

import io.gatehouse.controlplane.domain.AdminCaller;

import java.util.List;

/**
 * Who decides a campaign's items: the owners of each identity's team ({@code owningTeam}), and/or people named.
 * Admins may always decide.
 */
public record Reviewers(boolean owningTeam, List<String> people) {

    public Reviewers {
        people = people == null ? List.of() : List.copyOf(people);
        if (!owningTeam && people.isEmpty()) {
            throw new IllegalArgumentException("a campaign needs reviewers: the owning team, named people, or both");
        }
    }

    public boolean mayDecide(AdminCaller caller, String itemOwnerTeam) {
        return caller.isAdmin() || people.contains(caller.name()) || (owningTeam && caller.manages(itemOwnerTeam));
    }
}
