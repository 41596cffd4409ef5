package dev.runtrail.ingest.flink;

import dev.runtrail.model.EcsDocument;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type information for {@link EcsDocument}, using {@link EcsDocumentSerializer}. */
public final class EcsDocumentTypeInfo extends TypeInformation<EcsDocument> {
    private static final long serialVersionUID = 1L;

    public static final EcsDocumentTypeInfo INSTANCE = new EcsDocumentTypeInfo();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<EcsDocument> getTypeClass() {
        return EcsDocument.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<EcsDocument> createSerializer(SerializerConfig config) {
        return new EcsDocumentSerializer();
    }

    @Override
    public String toString() {
        return "EcsDocument";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof EcsDocumentTypeInfo;
    }

    @Override
    public int hashCode() {
        return EcsDocumentTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof EcsDocumentTypeInfo;
    }
}
