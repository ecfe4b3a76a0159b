package io.buildfactory.http.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.buildfactory.application.identity.port.in.AssignRoleUseCase;
import io.buildfactory.application.identity.port.in.ChangePasswordUseCase;
import io.buildfactory.application.identity.port.in.ChangeRolePermissionsUseCase;
import io.buildfactory.application.identity.port.in.CreateRoleUseCase;
import io.buildfactory.application.identity.port.in.CreateUserUseCase;
import io.buildfactory.application.identity.port.in.DescribeSessionUseCase;
import io.buildfactory.application.identity.port.in.GetUserUseCase;
import io.buildfactory.application.identity.port.in.ListRolesUseCase;
import io.buildfactory.application.identity.port.in.ListUsersUseCase;
import io.buildfactory.application.identity.port.in.LogInUseCase;
import io.buildfactory.application.identity.port.in.LogOutEverywhereUseCase;
import io.buildfactory.application.identity.port.in.LogOutUseCase;
import io.buildfactory.application.identity.port.in.ManageApiTokensUseCase;
import io.buildfactory.application.identity.port.in.ManageIdentityLinksUseCase;
import io.buildfactory.application.identity.port.in.UpdateUserUseCase;
import io.buildfactory.domain.identity.ApiTokenId;
import io.buildfactory.domain.identity.IdentityLinkId;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.Role;
import io.buildfactory.domain.identity.RoleId;
import io.buildfactory.domain.identity.RoleName;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.identity.UserKind;
import io.buildfactory.domain.identity.UserStatus;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.http.identity.IdentityViews.Count;
import io.buildfactory.http.identity.IdentityViews.IssuedTokenView;
import io.buildfactory.http.identity.IdentityViews.Items;
import io.buildfactory.http.identity.IdentityViews.LoginView;
import io.buildfactory.http.identity.IdentityViews.RoleView;
import io.buildfactory.http.identity.IdentityViews.SessionInfoView;
import io.buildfactory.http.identity.IdentityViews.SessionView;
import io.buildfactory.http.identity.IdentityViews.TokenView;
import io.buildfactory.http.identity.IdentityViews.UserView;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.ApiRoute;
import io.buildfactory.http.shared.PageView;
import io.buildfactory.http.shared.Requests;
import io.buildfactory.http.shared.RouteGroup;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Login, sessions, users, roles, identity links and API tokens over HTTP. Each handler calls one use case. */
public final class IdentityRoutes implements RouteGroup {

    /** The use cases behind these routes. */
    public record UseCases(
            LogInUseCase logIn,
            LogOutUseCase logOut,
            LogOutEverywhereUseCase logOutEverywhere,
            DescribeSessionUseCase describeSession,
            ChangePasswordUseCase changePassword,
            CreateUserUseCase createUser,
            ListUsersUseCase listUsers,
            GetUserUseCase getUser,
            UpdateUserUseCase updateUser,
            ListRolesUseCase listRoles,
            CreateRoleUseCase createRole,
            ChangeRolePermissionsUseCase rolePermissions,
            AssignRoleUseCase assignRole,
            ManageIdentityLinksUseCase links,
            ManageApiTokensUseCase tokens) {}

    private final UseCases uc;
    private final ObjectMapper json;
    private final Duration cookieLifetime;

    public IdentityRoutes(UseCases useCases, ObjectMapper json, Duration cookieLifetime) {
        this.uc = useCases;
        this.json = json;
        this.cookieLifetime = cookieLifetime;
    }

    record LoginRequest(String email, String password) {
        @Override
        public String toString() {
            return "LoginRequest[email=" + email + ", password=***]";
        }
    }

    record PasswordRequest(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordRequest[***]";
        }
    }

    record NewUserRequest(String email, String displayName, String kind, String password, List<String> roles) {
        @Override
        public String toString() {
            return "NewUserRequest[email=" + email + ", kind=" + kind + "]";
        }
    }

    record UserPatch(Long version, String displayName, String status) {}

    record NewRoleRequest(String name, String description, List<String> permissions) {}

    record PermissionRequest(String permission) {}

    record RoleRequest(String roleId) {}

    record LinkRequest(String provider, String subject, String email, JsonNode profile) {}

    record TokenRequest(String name, Instant expiresAt) {}

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post("/api/auth/login", Access.open(), this::logIn),
                ApiRoute.post("/api/auth/logout", Access.signedIn(), this::logOut),
                ApiRoute.post("/api/auth/logout-all", Access.signedIn(), this::logOutEverywhere),
                ApiRoute.get("/api/auth/session", Access.signedIn(), this::session),
                ApiRoute.post("/api/auth/password", Access.signedIn(), this::changePassword),
                ApiRoute.get("/api/users", Access.requires(Permissions.USER_READ), this::listUsers),
                ApiRoute.post("/api/users", Access.requires(Permissions.USER_MANAGE), this::createUser),
                ApiRoute.get("/api/users/{id}", Access.selfOr(Permissions.USER_READ), this::getUser),
                new ApiRoute(
                        HandlerType.PATCH,
                        "/api/users/{id}",
                        Access.requires(Permissions.USER_MANAGE),
                        this::updateUser),
                ApiRoute.post("/api/users/{id}/roles", Access.requires(Permissions.ROLE_MANAGE), this::assignRole),
                new ApiRoute(
                        HandlerType.DELETE,
                        "/api/users/{id}/roles/{roleId}",
                        Access.requires(Permissions.ROLE_MANAGE),
                        this::unassignRole),
                ApiRoute.get("/api/roles", Access.requires(Permissions.ROLE_READ), this::listRoles),
                ApiRoute.post("/api/roles", Access.requires(Permissions.ROLE_MANAGE), this::createRole),
                ApiRoute.post("/api/roles/{id}/permissions", Access.requires(Permissions.ROLE_MANAGE), this::grant),
                new ApiRoute(
                        HandlerType.DELETE,
                        "/api/roles/{id}/permissions/{permission}",
                        Access.requires(Permissions.ROLE_MANAGE),
                        this::revoke),
                ApiRoute.get("/api/permissions", Access.requires(Permissions.ROLE_READ), this::catalogue),
                ApiRoute.get("/api/users/{id}/identity-links", Access.selfOr(Permissions.USER_READ), this::listLinks),
                ApiRoute.post("/api/users/{id}/identity-links", Access.selfOr(Permissions.USER_MANAGE), this::link),
                new ApiRoute(
                        HandlerType.DELETE,
                        "/api/users/{id}/identity-links/{linkId}",
                        Access.selfOr(Permissions.USER_MANAGE),
                        this::unlink),
                ApiRoute.get("/api/users/{id}/tokens", Access.selfOr(Permissions.USER_MANAGE), this::listTokens),
                ApiRoute.post("/api/users/{id}/tokens", Access.requires(Permissions.USER_MANAGE), this::issueToken),
                new ApiRoute(
                        HandlerType.DELETE,
                        "/api/users/{id}/tokens/{tokenId}",
                        Access.selfOr(Permissions.USER_MANAGE),
                        this::revokeToken));
    }

    private void logIn(Context ctx) {
        LoginRequest body = Requests.body(ctx, LoginRequest.class);
        LogInUseCase.Login login =
                uc.logIn().logIn(new LogInUseCase.Credentials(body.email(), body.password()), Requests.context(ctx));
        ctx.cookie(sessionCookie(login.token(), (int) cookieLifetime.toSeconds()));
        ctx.header("Cache-Control", "no-store");
        ctx.json(new LoginView(login.token(), SessionView.of(login.session()), UserView.of(login.user())));
    }

    private Cookie sessionCookie(String value, int maxAgeSeconds) {
        // HttpOnly: scripts cannot read it. Secure: sent over HTTPS only (browsers treat localhost as secure).
        return new Cookie(Requests.SESSION_COOKIE, value, "/", maxAgeSeconds, true, true, null, SameSite.STRICT);
    }

    private void logOut(Context ctx) {
        uc.logOut().logOut(Requests.actor(ctx));
        ctx.cookie(sessionCookie("", 0));
        ctx.status(204);
    }

    private void logOutEverywhere(Context ctx) {
        int ended = uc.logOutEverywhere().logOutEverywhere(Requests.actor(ctx));
        ctx.cookie(sessionCookie("", 0));
        ctx.json(new Count(ended));
    }

    private void session(Context ctx) {
        var info = uc.describeSession().describe(Requests.actor(ctx));
        ctx.json(new SessionInfoView(
                UserView.of(info.user()),
                info.roles().stream().map(r -> r.name().value()).toList(),
                info.permissions().stream().map(Permission::name).sorted().toList(),
                info.session().map(SessionView::of).orElse(null)));
    }

    private void changePassword(Context ctx) {
        PasswordRequest body = Requests.body(ctx, PasswordRequest.class);
        uc.changePassword().changePassword(Requests.actor(ctx), body.currentPassword(), body.newPassword());
        ctx.status(204);
    }

    private void listUsers(Context ctx) {
        var page = uc.listUsers().list(Requests.actor(ctx), Requests.page(ctx));
        ctx.json(PageView.of(page, UserView::of));
    }

    private void createUser(Context ctx) {
        NewUserRequest body = Requests.body(ctx, NewUserRequest.class);
        if (body.kind() == null) {
            throw new InvalidInputException("kind", "must be one of human, agent");
        }
        List<RoleName> roles = body.roles() == null
                ? List.of()
                : body.roles().stream().map(RoleName::new).toList();
        var user = uc.createUser()
                .create(
                        Requests.actor(ctx),
                        new CreateUserUseCase.NewUser(
                                body.email(),
                                body.displayName(),
                                UserKind.fromCode(body.kind()),
                                Optional.ofNullable(body.password()),
                                roles));
        ctx.status(201).header("Location", "/api/users/" + user.id()).json(UserView.of(user));
    }

    private void getUser(Context ctx) {
        ctx.json(UserView.of(uc.getUser().get(Requests.actor(ctx), userId(ctx))));
    }

    private void updateUser(Context ctx) {
        UserPatch body = Requests.body(ctx, UserPatch.class);
        if (body.version() == null) {
            throw new InvalidInputException("version", "is required: send the version you read");
        }
        var user = uc.updateUser()
                .update(
                        Requests.actor(ctx),
                        new io.buildfactory.application.identity.port.in.UpdateUserUseCase.UserChange(
                                userId(ctx),
                                body.version(),
                                Optional.ofNullable(body.displayName()),
                                Optional.ofNullable(body.status()).map(UserStatus::fromCode)));
        ctx.json(UserView.of(user));
    }

    private void assignRole(Context ctx) {
        RoleRequest body = Requests.body(ctx, RoleRequest.class);
        roles(ctx, uc.assignRole().assign(Requests.actor(ctx), userId(ctx), RoleId.parse(body.roleId())));
    }

    private void unassignRole(Context ctx) {
        roles(ctx, uc.assignRole().unassign(Requests.actor(ctx), userId(ctx), RoleId.parse(ctx.pathParam("roleId"))));
    }

    private void roles(Context ctx, List<Role> roles) {
        ctx.json(new Items<>(roles.stream().map(RoleView::of).toList()));
    }

    private void listRoles(Context ctx) {
        roles(ctx, uc.listRoles().roles(Requests.actor(ctx)));
    }

    private void createRole(Context ctx) {
        NewRoleRequest body = Requests.body(ctx, NewRoleRequest.class);
        Set<Permission> permissions = body.permissions() == null
                ? Set.of()
                : body.permissions().stream().map(Permission::new).collect(Collectors.toSet());
        Role role =
                uc.createRole().create(Requests.actor(ctx), new RoleName(body.name()), body.description(), permissions);
        ctx.status(201).header("Location", "/api/roles/" + role.id()).json(RoleView.of(role));
    }

    private void grant(Context ctx) {
        PermissionRequest body = Requests.body(ctx, PermissionRequest.class);
        ctx.json(RoleView.of(uc.rolePermissions()
                .grant(Requests.actor(ctx), RoleId.parse(ctx.pathParam("id")), new Permission(body.permission()))));
    }

    private void revoke(Context ctx) {
        ctx.json(RoleView.of(uc.rolePermissions()
                .revoke(
                        Requests.actor(ctx),
                        RoleId.parse(ctx.pathParam("id")),
                        new Permission(ctx.pathParam("permission")))));
    }

    private void catalogue(Context ctx) {
        ctx.json(new Items<>(uc.listRoles().catalogue(Requests.actor(ctx)).stream()
                .map(Permission::name)
                .sorted()
                .toList()));
    }

    private void listLinks(Context ctx) {
        ctx.json(new Items<>(uc.links().links(Requests.actor(ctx), userId(ctx)).stream()
                .map(l -> IdentityViews.link(l, json))
                .toList()));
    }

    private void link(Context ctx) {
        LinkRequest body = Requests.body(ctx, LinkRequest.class);
        if (body.profile() != null && !body.profile().isObject()) {
            throw new InvalidInputException("profile", "must be a JSON object");
        }
        var link = uc.links()
                .link(
                        Requests.actor(ctx),
                        userId(ctx),
                        new ManageIdentityLinksUseCase.NewLink(
                                body.provider(),
                                body.subject(),
                                Optional.ofNullable(body.email()),
                                Optional.ofNullable(body.profile()).map(JsonNode::toString)));
        ctx.status(201).json(IdentityViews.link(link, json));
    }

    private void unlink(Context ctx) {
        uc.links().unlink(Requests.actor(ctx), userId(ctx), IdentityLinkId.parse(ctx.pathParam("linkId")));
        ctx.status(204);
    }

    private void listTokens(Context ctx) {
        ctx.json(new Items<>(uc.tokens().tokens(Requests.actor(ctx), userId(ctx)).stream()
                .map(TokenView::of)
                .toList()));
    }

    private void issueToken(Context ctx) {
        TokenRequest body = Requests.body(ctx, TokenRequest.class);
        var issued =
                uc.tokens().issue(Requests.actor(ctx), userId(ctx), body.name(), Optional.ofNullable(body.expiresAt()));
        ctx.header("Cache-Control", "no-store");
        ctx.status(201).json(new IssuedTokenView(issued.secret(), TokenView.of(issued.token())));
    }

    private void revokeToken(Context ctx) {
        uc.tokens().revoke(Requests.actor(ctx), userId(ctx), ApiTokenId.parse(ctx.pathParam("tokenId")));
        ctx.status(204);
    }

    private static UserId userId(Context ctx) {
        return UserId.parse(ctx.pathParam("id"));
    }
}
