package io.buildfactory.http.workitems;

import io.buildfactory.application.workitems.port.in.LinkCardUseCase;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.workitems.WorkItemRef;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.ApiRoute;
import io.buildfactory.http.shared.Requests;
import io.buildfactory.http.shared.RouteGroup;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Optional;

/** The card a work item came from: {@code cardId}, or null when it came from none. */
public final class WorkItemCardRoutes implements RouteGroup {

    static final String CARD = WorkItemRoutes.ITEMS + "/{id}/card";

    private final LinkCardUseCase links;

    public WorkItemCardRoutes(LinkCardUseCase links) {
        this.links = links;
    }

    record CardLinkBody(String cardId) {}

    record CardLinkView(String cardId) {}

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get(
                        CARD,
                        Access.requires(Permissions.WORK_ITEM_READ),
                        ctx -> ctx.json(view(links.cardOf(Requests.actor(ctx), item(ctx))))),
                new ApiRoute(HandlerType.PUT, CARD, Access.requires(Permissions.WORK_ITEM_UPDATE), ctx -> {
                    CardLinkBody body = Requests.body(ctx, CardLinkBody.class);
                    Optional<CardId> card;
                    try {
                        card = Optional.ofNullable(body.cardId()).map(CardId::parse);
                    } catch (InvalidInputException e) {
                        throw new InvalidInputException("cardId", e.reason());
                    }
                    ctx.json(view(links.link(Requests.actor(ctx), item(ctx), card)));
                }));
    }

    private static WorkItemRef item(Context ctx) {
        return WorkItemRef.parse(ctx.pathParam("id"));
    }

    private static CardLinkView view(Optional<CardId> card) {
        return new CardLinkView(card.map(CardId::toString).orElse(null));
    }
}
