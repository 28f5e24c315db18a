package io.gatehouse.controlplane.model;

import io.gatehouse.controlplane.lifecycle.LifecycleActionType;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores an action type by its API spelling ({@code client-secret-revoked}), which is what operators query. */
@Converter
public class LifecycleActionTypeColumn implements AttributeConverter<LifecycleActionType, String> {

    @Override
    public String convertToDatabaseColumn(LifecycleActionType type) {
        return type == null ? null : type.apiName();
    }

    @Override
    public LifecycleActionType convertToEntityAttribute(String column) {
        return column == null ? null : LifecycleActionType.fromApiName(column)
                .orElseThrow(() -> new IllegalStateException("unknown lifecycle action '" + column + "' in the database"));
    }
}
