using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bots1C.Domain.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScenarioCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CallLeaseUntil",
                table: "Conversations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PendingCallJson",
                table: "Conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_CallLeaseUntil",
                table: "Conversations",
                column: "CallLeaseUntil",
                filter: "\"PendingCallJson\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_CallLeaseUntil",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "CallLeaseUntil",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "PendingCallJson",
                table: "Conversations");
        }
    }
}
