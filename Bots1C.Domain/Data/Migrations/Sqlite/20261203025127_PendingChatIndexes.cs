using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bots1C.Domain.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PendingChatIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Outbox_PendingChat",
                table: "Outbox",
                columns: new[] { "BotId", "ChatId", "Id" },
                filter: "\"State\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_InboxUpdates_PendingChat",
                table: "InboxUpdates",
                columns: new[] { "BotId", "ChatKey", "Id" },
                filter: "\"State\" = 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_PendingChat",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_InboxUpdates_PendingChat",
                table: "InboxUpdates");
        }
    }
}
