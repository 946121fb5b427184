using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bots1C.Domain.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Directory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "Owners",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Inn",
                table: "Owners",
                type: "TEXT",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsArchived",
                table: "Owners",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Kpp",
                table: "Owners",
                type: "TEXT",
                maxLength: 9,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Notes",
                table: "Owners",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "UpdatedAt",
                table: "Owners",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "NeedsPerson",
                table: "Contacts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ContactLinkChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContactId = table.Column<long>(type: "INTEGER", nullable: false),
                    PreviousOwnerId = table.Column<long>(type: "INTEGER", nullable: true),
                    NewOwnerId = table.Column<long>(type: "INTEGER", nullable: true),
                    Automatic = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    UndoneAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactLinkChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactLinkChanges_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CustomOwnerTypes",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomOwnerTypes", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "OwnerEmail",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OwnerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OwnerEmail", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OwnerEmail_Owners_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "Owners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OwnerPhone",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OwnerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OwnerPhone", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OwnerPhone_Owners_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "Owners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Owners_Inn",
                table: "Owners",
                column: "Inn");

            migrationBuilder.CreateIndex(
                name: "IX_Owners_OwnerType_ExternalId",
                table: "Owners",
                columns: new[] { "OwnerType", "ExternalId" });

            migrationBuilder.CreateIndex(
                name: "IX_Owners_OwnerType_Name",
                table: "Owners",
                columns: new[] { "OwnerType", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_NeedsPerson",
                table: "Contacts",
                column: "NeedsPerson",
                filter: "\"NeedsPerson\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_ContactLinkChanges_ContactId_Id",
                table: "ContactLinkChanges",
                columns: new[] { "ContactId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_OwnerEmail_Address",
                table: "OwnerEmail",
                column: "Address");

            migrationBuilder.CreateIndex(
                name: "IX_OwnerEmail_OwnerId",
                table: "OwnerEmail",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_OwnerPhone_Number",
                table: "OwnerPhone",
                column: "Number");

            migrationBuilder.CreateIndex(
                name: "IX_OwnerPhone_OwnerId",
                table: "OwnerPhone",
                column: "OwnerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContactLinkChanges");

            migrationBuilder.DropTable(
                name: "CustomOwnerTypes");

            migrationBuilder.DropTable(
                name: "OwnerEmail");

            migrationBuilder.DropTable(
                name: "OwnerPhone");

            migrationBuilder.DropIndex(
                name: "IX_Owners_Inn",
                table: "Owners");

            migrationBuilder.DropIndex(
                name: "IX_Owners_OwnerType_ExternalId",
                table: "Owners");

            migrationBuilder.DropIndex(
                name: "IX_Owners_OwnerType_Name",
                table: "Owners");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_NeedsPerson",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "Owners");

            migrationBuilder.DropColumn(
                name: "Inn",
                table: "Owners");

            migrationBuilder.DropColumn(
                name: "IsArchived",
                table: "Owners");

            migrationBuilder.DropColumn(
                name: "Kpp",
                table: "Owners");

            migrationBuilder.DropColumn(
                name: "Notes",
                table: "Owners");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "Owners");

            migrationBuilder.DropColumn(
                name: "NeedsPerson",
                table: "Contacts");
        }
    }
}
