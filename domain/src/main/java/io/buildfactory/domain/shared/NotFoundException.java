package io.buildfactory.domain.shared;

/** The thing asked for does not exist, or the caller may not know that it does. */
public final class NotFoundException extends DomainException {

    private final String kind;
    private final String id;

    public NotFoundException(String kind, Object id) {
        super(kind + " " + id + " not found");
        this.kind = kind;
        this.id = String.valueOf(id);
    }

    public String kind() {
        return kind;
    }

    public String id() {
        return id;
    }
}
