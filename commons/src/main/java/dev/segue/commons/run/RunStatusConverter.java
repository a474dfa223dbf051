package dev.segue.commons.run;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Maps {@link RunStatus} to the lower-case text the runs tables hold (and their check constraints allow). */
@Converter
public class RunStatusConverter implements AttributeConverter<RunStatus, String> {

    @Override
    public String convertToDatabaseColumn(RunStatus status) {
        return status == null ? null : status.id();
    }

    @Override
    public RunStatus convertToEntityAttribute(String id) {
        return id == null ? null : RunStatus.of(id);
    }
}
