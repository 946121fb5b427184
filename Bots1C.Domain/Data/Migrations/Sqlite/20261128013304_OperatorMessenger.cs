using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bots1C.Domain.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OperatorMessenger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AuthorUserId",
                table: "Messages",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EventDetail",
                table: "Messages",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssignedUserId",
                table: "Conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ClosedAt",
                table: "Conversations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsClosed",
                table: "Conversations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "LastMessagePreview",
                table: "Conversations",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OperatorSince",
                table: "Conversations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UnreadCount",
                table: "Conversations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "OwnerId",
                table: "Contacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Contacts",
                type: "TEXT",
                maxLength: 600,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "PlaysSoundWhenDialogWaits",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            // Existing contacts become searchable at once (SQLite's lower() folds ASCII only; the app refreshes the
            // column with full Unicode folding whenever a contact changes).
            migrationBuilder.Sql("""
                UPDATE "Contacts" SET "SearchText" = lower(trim(
                    coalesce("FirstName", '') || ' ' || coalesce("LastName", '') || ' ' || coalesce("Username", '') || ' ' ||
                    coalesce("Phone", '') || ' ' || coalesce("Email", '') || ' ' || "ExternalUserId"));
                """);

            migrationBuilder.CreateTable(
                name: "Owners",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OwnerType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    MainManagerUserId = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Owners", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Owners_AspNetUsers_MainManagerUserId",
                        column: x => x.MainManagerUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "QuickReplies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BotId = table.Column<long>(type: "INTEGER", nullable: true),
                    Shortcut = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    StoredFileId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuickReplies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuickReplies_Bots_BotId",
                        column: x => x.BotId,
                        principalTable: "Bots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_QuickReplies_Files_StoredFileId",
                        column: x => x.StoredFileId,
                        principalTable: "Files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_AssignedUserId_LastMessageAt",
                table: "Conversations",
                columns: new[] { "AssignedUserId", "LastMessageAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_IsClosed_LastMessageAt",
                table: "Conversations",
                columns: new[] { "IsClosed", "LastMessageAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Mode_LastMessageAt",
                table: "Conversations",
                columns: new[] { "Mode", "LastMessageAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OwnerId",
                table: "Contacts",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Owners_MainManagerUserId",
                table: "Owners",
                column: "MainManagerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_QuickReplies_BotId_Shortcut",
                table: "QuickReplies",
                columns: new[] { "BotId", "Shortcut" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuickReplies_StoredFileId",
                table: "QuickReplies",
                column: "StoredFileId");

            migrationBuilder.AddForeignKey(
                name: "FK_Contacts_Owners_OwnerId",
                table: "Contacts",
                column: "OwnerId",
                principalTable: "Owners",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Conversations_AspNetUsers_AssignedUserId",
                table: "Conversations",
                column: "AssignedUserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Contacts_Owners_OwnerId",
                table: "Contacts");

            migrationBuilder.DropForeignKey(
                name: "FK_Conversations_AspNetUsers_AssignedUserId",
                table: "Conversations");

            migrationBuilder.DropTable(
                name: "Owners");

            migrationBuilder.DropTable(
                name: "QuickReplies");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_AssignedUserId_LastMessageAt",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_IsClosed_LastMessageAt",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_Mode_LastMessageAt",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_OwnerId",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "AuthorUserId",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "EventDetail",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "AssignedUserId",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "IsClosed",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "LastMessagePreview",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "OperatorSince",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "UnreadCount",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "PlaysSoundWhenDialogWaits",
                table: "AspNetUsers");
        }
    }
}
